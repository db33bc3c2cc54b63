import type Docker from 'dockerode';

export type Outside = Docker;

import type Docker from 'dockerode';

export type Client = Docker;

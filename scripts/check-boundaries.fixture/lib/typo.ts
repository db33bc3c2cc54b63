import { gone } from './does-not-exist';

export const typo = gone;

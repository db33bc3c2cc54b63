import { useThing } from '../hooks/use-thing';

export const serverHook = useThing;

import { both } from '../server/uses-lib';
import { useThing } from '../hooks/use-thing';

export const Page = () => [both, useThing()];

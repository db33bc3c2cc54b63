import { both } from '../../../server/uses-lib';

export const GET = () => both;

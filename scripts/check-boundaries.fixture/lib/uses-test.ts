import { helper } from '../test/helper';

export const usesTest = helper;

import { Page } from '../app/page';

export const wrapsPage = Page;

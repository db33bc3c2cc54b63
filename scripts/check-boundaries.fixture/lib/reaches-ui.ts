import { widget } from '../components/widget';

export const upward = widget;

import type { Figure } from './lib/context';
import { engineListFigure } from './engine-list';
import { engineSwitchFigure } from './engine-switch';
import { sshEngineFigure } from './ssh-engine';

/** Issue 14's figures (engines): registered in bench/run.ts's FIGURES as one spread. */
export const ENGINE_FIGURES: Array<{ id: number; run: Figure[] }> = [
  { id: 10, run: [engineListFigure] },
  { id: 11, run: [sshEngineFigure] },
  { id: 12, run: [engineSwitchFigure] },
];

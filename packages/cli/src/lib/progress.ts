import type { RunEvent } from '@mlops/core';
import { color, formatDuration } from './format';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface Line {
  step: string;
  state: 'waiting' | 'running' | 'done' | 'cached' | 'failed';
  started?: number;
  detail?: string;
}

/**
 * Live step list on a terminal: one line per step, redrawn in place. When stdout is not a TTY it
 * prints nothing (scripts and CI logs get the final summary only).
 */
export function createProgress(enabled: boolean): { onEvent(e: RunEvent): void; stop(): void } {
  if (!enabled) return { onEvent() {}, stop() {} };
  const lines: Line[] = [];
  let drawn = 0;
  let tick = 0;
  const draw = () => {
    if (drawn) process.stdout.write(`\x1b[${drawn}A`);
    for (const l of lines) {
      const icon = { waiting: color.dim('·'), running: color.yellow(frames[tick % frames.length]), done: color.green('✔'), cached: color.cyan('↺'), failed: color.red('✖') }[l.state];
      const took = l.state === 'running' && l.started ? formatDuration(Date.now() - l.started) : '';
      process.stdout.write(`\x1b[2K ${icon} ${l.step} ${color.dim([l.detail, took].filter(Boolean).join(' '))}\n`);
    }
    drawn = lines.length;
  };
  const timer = setInterval(() => {
    tick++;
    draw();
  }, 100);
  timer.unref();
  const find = (step: string) => lines.find((l) => l.step === step)!;
  return {
    onEvent(e) {
      if (e.type === 'run:start') lines.push(...e.steps.map((step) => ({ step, state: 'waiting' as const })));
      else if (e.type === 'step:start') Object.assign(find(e.step), { state: 'running', started: Date.now() });
      else if (e.type === 'step:done') Object.assign(find(e.step), { state: 'done', detail: formatDuration(e.durationMs) });
      else if (e.type === 'step:cached') Object.assign(find(e.step), { state: 'cached', detail: 'cached' });
      else if (e.type === 'step:failed') Object.assign(find(e.step), { state: 'failed', detail: e.error.split('\n')[0] });
      else return;
      draw();
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

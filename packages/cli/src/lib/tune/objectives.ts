import type { StudyDefinition, TuningDirection } from '@mlops/core';
import { UsageError } from '../fail';

/** One objective of a study: `<step>.<metric>`. */
export interface Objective {
  step: string;
  metric: string;
  key: string;
}

/** The study's objectives and their directions, checked against each other. */
export function objectivesOf(name: string, def: StudyDefinition): { objectives: Objective[]; directions: TuningDirection[] } {
  const keys = Array.isArray(def.objective) ? def.objective : [def.objective];
  const objectives = keys.map((key) => {
    const dot = key.indexOf('.');
    return { step: key.slice(0, dot), metric: key.slice(dot + 1), key };
  });
  const given = def.direction === undefined ? [] : Array.isArray(def.direction) ? def.direction : [def.direction];
  const directions = given.length === 0 ? keys.map((): TuningDirection => 'minimize') : given;
  if (directions.length !== keys.length) {
    throw new UsageError(`tuner.studies.${name}.direction: expected ${keys.length} direction(s), one per objective, received ${directions.length}`, { path: `plugins.tuner.options.studies.${name}.direction`, expected: `${keys.length} direction(s)`, received: JSON.stringify(def.direction) });
  }
  if (def.intermediate && keys.length > 1) {
    throw new UsageError(`tuner.studies.${name}.intermediate: pruning needs a single objective; this study has ${keys.length}`, { path: `plugins.tuner.options.studies.${name}.intermediate`, expected: 'no intermediate metric with several objectives', received: def.intermediate });
  }
  return { objectives, directions };
}

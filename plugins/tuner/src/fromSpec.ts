import { suggest, type PrunerSpec, type SamplerSpec } from '@mlops/core';
import { TunerUsageError } from './errors';
import { HyperbandPruner } from './pruners/HyperbandPruner';
import { PatientPruner } from './pruners/PatientPruner';
import { MedianPruner, PercentilePruner } from './pruners/PercentilePruner';
import { NopPruner, type Pruner } from './pruners/Pruner';
import { SuccessiveHalvingPruner } from './pruners/SuccessiveHalvingPruner';
import { ThresholdPruner } from './pruners/ThresholdPruner';
import { GridSampler } from './samplers/GridSampler';
import { NsgaIiSampler } from './samplers/NsgaIiSampler';
import { QmcSampler } from './samplers/QmcSampler';
import { RandomSampler } from './samplers/RandomSampler';
import type { Sampler } from './samplers/Sampler';
import { TpeSampler } from './samplers/TpeSampler';

/** The sampler a spec names (default: TPE with its defaults, the same as `new TpeSampler()`). */
export function samplerFromSpec(spec: SamplerSpec | undefined): Sampler {
  if (!spec) return new TpeSampler();
  checkSamplerFields(spec);
  switch (spec.kind) {
    case 'tpe':
      return new TpeSampler({
        seed: spec.seed,
        nStartupTrials: spec.nStartupTrials,
        startup: spec.startup,
        startupCentre: spec.startupCentre,
        nEiCandidates: spec.nEiCandidates,
        sparseCandidatesFrom: spec.sparseCandidatesFrom,
        gammaFactor: spec.gammaFactor,
        multivariate: spec.multivariate,
        multivariateBandwidth: spec.multivariateBandwidth,
        group: spec.group,
        constantLiar: spec.constantLiar,
        hypervolumeWeights: spec.hypervolumeWeights,
        goodWeights: spec.goodWeights,
      });
    case 'random':
      return new RandomSampler({ seed: spec.seed });
    case 'qmc':
      return new QmcSampler({ seed: spec.seed, scramble: spec.scramble });
    case 'grid':
      return new GridSampler({ searchSpace: spec.searchSpace as Record<string, (string | number | boolean | null)[]> });
    case 'nsga2':
      return new NsgaIiSampler({ seed: spec.seed, populationSize: spec.populationSize, crossoverProb: spec.crossoverProb, mutationProb: spec.mutationProb });
  }
}

/** The fields each sampler kind's spec has (`kind` included). */
const samplerFields: Record<SamplerSpec['kind'], readonly string[]> = {
  tpe: ['kind', 'seed', 'nStartupTrials', 'startup', 'startupCentre', 'nEiCandidates', 'sparseCandidatesFrom', 'gammaFactor', 'multivariate', 'multivariateBandwidth', 'group', 'constantLiar', 'hypervolumeWeights', 'goodWeights'],
  random: ['kind', 'seed'],
  qmc: ['kind', 'seed', 'scramble'],
  grid: ['kind', 'searchSpace'],
  nsga2: ['kind', 'seed', 'populationSize', 'crossoverProb', 'mutationProb'],
};

/**
 * A field the sampler does not have is refused by name (a typo such as `goodWeight` would
 * otherwise be ignored, and the study would silently run with the default).
 */
function checkSamplerFields(spec: SamplerSpec): void {
  const fields = samplerFields[spec.kind];
  if (!fields) return;
  for (const key of Object.keys(spec)) {
    if (fields.includes(key)) continue;
    const near = suggest(key, fields);
    throw new TunerUsageError(`sampler: "${key}" is not a field of a ${spec.kind} sampler${near ? ` (did you mean "${near}"?)` : ''}; its fields: ${fields.join(', ')}`, { path: `sampler.${key}`, expected: `one of ${fields.join(', ')}`, received: key });
  }
}

/** The pruner a spec names (default: none). */
export function prunerFromSpec(spec: PrunerSpec | undefined): Pruner {
  if (!spec) return new NopPruner();
  switch (spec.kind) {
    case 'none':
      return new NopPruner();
    case 'median':
      return new MedianPruner(spec);
    case 'percentile':
      return new PercentilePruner(spec.percentile, spec);
    case 'successive-halving':
      return new SuccessiveHalvingPruner(spec);
    case 'hyperband':
      return new HyperbandPruner(spec);
    case 'threshold':
      return new ThresholdPruner(spec);
    case 'patient':
      return new PatientPruner(undefined, spec.patience, spec.minDelta);
  }
}

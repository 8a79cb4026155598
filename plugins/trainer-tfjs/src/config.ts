import { tfjsBackendNames } from '@mlops/tfjs-backend';
import { z } from 'zod';

/** Training parameters of the dense network trainer; every field has a default. */
export const tfjsParams = z
  .object({
    /** `auto`: category/bool target ⇒ binary (2 classes) or multiclass; numeric ⇒ regression. */
    objective: z.enum(['auto', 'classification', 'regression']).default('auto'),
    /** Units of each hidden layer, input side first; `[]` = a linear model. */
    hiddenLayers: z.array(z.number().int().min(1).max(65_536)).max(32).default([32, 16]),
    /** Activation of the hidden layers (each has an ONNX op of the same meaning). */
    activation: z.enum(['relu', 'tanh', 'sigmoid']).default('relu'),
    /** Adam's step size. */
    learningRate: z.number().gt(0).max(10).default(0.01),
    epochs: z.number().int().min(1).max(100_000).default(100),
    batchSize: z.number().int().min(1).default(32),
    /** L2 penalty `l2·Σ w²` on the weight matrices (not the biases), added to the mean loss. */
    l2: z.number().min(0).default(0),
    /** Stop when `valid_loss` has not improved for this many epochs, keeping the best weights; 0 = off. */
    earlyStoppingRounds: z.number().int().min(0).default(0),
    /**
     * `auto` tries `tfjs-node` (native, if `@tensorflow/tfjs-node` is installed), then the wasm
     * backend, then pure JS `cpu`: the same names as the tfjs runtime's. Naming one that cannot start
     * is an error.
     */
    backend: z.enum(['auto', ...tfjsBackendNames]).default('auto'),
  })
  .strict();

/** Params after defaults. */
export type TfjsParams = z.output<typeof tfjsParams>;
/** Params as a user writes them. */
export type TfjsUserParams = z.input<typeof tfjsParams>;

/**
 * Plugin options: defaults for every `fit` call's params. They are checked again, merged with
 * the call's params, at `fit`.
 */
export const tfjsOptions = z.record(z.string(), z.unknown()).default({});

/** Options after defaults. */
export type TfjsOptions = z.output<typeof tfjsOptions>;

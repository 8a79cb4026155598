import type { ArtifactStore, NewModelVersion } from '@mlops/core';
import { z } from 'zod';
import { RegistryError } from '../errors';
import { registryMessages } from '../messages';

const digestPattern = /^sha256:[0-9a-f]{64}$/;
const metrics = z.record(z.string(), z.number().refine(Number.isFinite, 'a finite number'));

const evaluationShape = z.object({
  datasetDigest: z.string().min(1),
  datasetName: z.string().nullable().optional(),
  metrics,
  slices: z.record(z.string(), metrics).optional(),
});

const newVersionShape = z.object({
  name: z.string(),
  runId: z.string().nullable().optional(),
  artifacts: z.object({ onnx: z.string() }).catchall(z.string()),
  signature: z.object({
    task: z.enum(['binary', 'multiclass', 'regression']),
    inputs: z.array(z.object({ name: z.string().min(1), type: z.enum(['float', 'double', 'int', 'string', 'bool']), nullable: z.boolean().optional() })).min(1),
    outputs: z.array(z.object({ name: z.string().min(1), type: z.string().min(1), shape: z.array(z.number().int().nullable()) })),
    classes: z.array(z.string()).optional(),
  }),
  evaluation: evaluationShape.optional(),
  datasets: z.array(z.object({ name: z.string(), digest: z.string(), role: z.enum(['input', 'output']) }).passthrough()).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  description: z.string().nullable().optional(),
  training: z.object({ kind: z.string().min(1), params: z.unknown() }).nullable().optional(),
  features: z
    .object({ service: z.string().min(1), definitionsVersion: z.number().int().positive(), definitionsDigest: z.string().min(1), entityKeys: z.array(z.string().min(1)).min(1) })
    .strict()
    .nullable()
    .optional(),
});

/** Throws a {@link RegistryError} naming the first bad field, as `register "<name>": <path>: <problem>`. */
export function checkShape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new RegistryError(`${what}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** An evaluation passed to `addEvaluation`. */
export function checkEvaluation(evaluation: unknown, what: string): void {
  checkShape(evaluationShape, evaluation, what);
}

/**
 * Validates a version before anything is written, and checks every artifact digest is in the
 * artifact store: a registered version never points at bytes that do not exist.
 */
export async function checkNewVersion(input: NewModelVersion, artifacts: ArtifactStore): Promise<void> {
  checkShape(newVersionShape, input, `register "${input?.name}"`);
  for (const [key, digest] of Object.entries(input.artifacts)) {
    if (!digestPattern.test(digest)) throw new RegistryError(registryMessages.badDigest(input.name, key, digest));
    if (!(await artifacts.has(digest))) throw new RegistryError(registryMessages.missingArtifact(input.name, key, digest), { code: 'E_ARTIFACT_NOT_FOUND' });
  }
}

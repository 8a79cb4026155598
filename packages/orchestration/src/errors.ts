import { MlopsError } from '@mlops/core';

export const orchestratorErrorCodes = { orchestrator: 'E_ORCHESTRATOR' } as const;

/** A call to the orchestrator with input it cannot take (names the field, what it expects and what it got). */
export class OrchestratorError extends MlopsError<typeof orchestratorErrorCodes.orchestrator> {
  constructor(path: string, expected: string, received: string) {
    super(orchestratorErrorCodes.orchestrator, `${path}: expected ${expected}, received ${received}`, { path, expected, received, badInput: true });
  }
}

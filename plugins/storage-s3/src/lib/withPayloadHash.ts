import type { PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';

type Handler = (args: { request: unknown }) => Promise<unknown>;
/** The one overload of `middlewareStack.add` used here (typed locally: no @smithy package is imported). */
type BuildStack = { add(middleware: (next: Handler) => Handler, options: { step: 'build'; name: string }): void };

/** `UNSIGNED-PAYLOAD`: the body is not part of the signature (integrity comes from the sha256 check on read). */
export const unsignedPayload = 'UNSIGNED-PAYLOAD';

/**
 * Sets the `x-amz-content-sha256` header the SigV4 signer would otherwise compute by hashing the
 * whole body on the event loop. For a blob sent in one request its sha256 is the blob's digest, so
 * the signed hash comes for free and the server rejects a body damaged in transit; parts of a
 * multipart upload go unsigned. Returns the command, for chaining.
 */
export function withPayloadHash<C extends PutObjectCommand | UploadPartCommand>(command: C, hexOrUnsigned: string): C {
  (command.middlewareStack as unknown as BuildStack).add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-amz-content-sha256'] = hexOrUnsigned;
      return next(args);
    },
    { step: 'build', name: 'mlopsPayloadHash' },
  );
  return command;
}

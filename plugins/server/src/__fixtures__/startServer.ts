import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@mlops/core';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { createTestContext } from '@mlops/testkit';
import { HttpModelServer, type HttpModelServerServices } from '../HttpModelServer';
import { httpServerOptions, type HttpServerUserOptions } from '../options';
import { servingModel, signature } from './servingModel';

/** Writes the fixture model and its signature into a temp folder. */
export async function modelFiles(shift = 0): Promise<{ dir: string; modelFile: string; signatureFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'mlops-server-'));
  const modelFile = join(dir, 'model.onnx');
  const signatureFile = join(dir, 'signature.json');
  await writeFile(modelFile, await servingModel(shift));
  await writeFile(signatureFile, JSON.stringify(signature));
  return { dir, modelFile, signatureFile };
}

/** A logger that keeps lines, to assert what the server logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Starts a single-process server on 127.0.0.1 and a free port. */
export async function startServer(options: HttpServerUserOptions, services: Partial<HttpModelServerServices> = {}): Promise<HttpModelServer> {
  const ownDir = services.projectRoot === undefined;
  const dir = services.projectRoot ?? (await mkdtemp(join(tmpdir(), 'mlops-server-project-')));
  const runtime = services.runtime ?? onnxRuntime.create(createTestContext(onnxRuntime));
  let server: HttpModelServer;
  try {
    server = new HttpModelServer(httpServerOptions.parse({ port: 0, workers: 1, ...options }), {
      logger: silentLogger,
      projectRoot: dir,
      stateDir: join(dir, '.mlops'),
      ...services,
      runtime: await runtime,
    });
    await server.listen();
  } catch (err) {
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw err;
  }
  if (ownDir) {
    const close = server.close.bind(server);
    server.close = () => close().finally(() => rm(dir, { recursive: true, force: true }));
  }
  return server;
}

import { connect } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { describeWithMotoServer, findMotoServer, startMotoServer } from './motoServer';

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describeWithMotoServer((moto) => {
  describe('startMotoServer', () => {
    it('gives the block a listening server on 127.0.0.1', async () => {
      expect(moto().endpoint).toBe(`http://127.0.0.1:${moto().port}`);
      expect(await accepts(moto().port)).toBe(true);
    });

    it('starts another server on another free port and stops it by its PID', async () => {
      const server = await startMotoServer();
      expect(server.port).not.toBe(moto().port);
      expect(alive(server.pid)).toBe(true);
      await server.stop();
      expect(alive(server.pid)).toBe(false);
      expect(await accepts(server.port)).toBe(false);
      await server.stop(); // stopping twice is a no-op
    }, 60_000);
  });
});

describe('findMotoServer', () => {
  it('honours MLOPS_MOTO_SERVER, and names nothing when that file is missing', () => {
    const saved = process.env.MLOPS_MOTO_SERVER;
    try {
      process.env.MLOPS_MOTO_SERVER = '/nonexistent/moto_server';
      expect(findMotoServer()).toBeUndefined();
      process.env.MLOPS_MOTO_SERVER = process.execPath;
      expect(findMotoServer()).toBe(process.execPath);
    } finally {
      if (saved === undefined) delete process.env.MLOPS_MOTO_SERVER;
      else process.env.MLOPS_MOTO_SERVER = saved;
    }
  });
});

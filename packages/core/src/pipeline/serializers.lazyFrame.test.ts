// Importing core must not load @mlops/frame (nor the Arrow and Parquet readers it brings): core needs
// it only to store or read a frame. Each mock factory runs when its module is first required.
const mockLoaded: string[] = [];
jest.mock('@mlops/frame', () => (mockLoaded.push('@mlops/frame'), jest.requireActual('@mlops/frame')));
jest.mock('apache-arrow', () => (mockLoaded.push('apache-arrow'), jest.requireActual('apache-arrow')));
jest.mock('hyparquet', () => (mockLoaded.push('hyparquet'), {}));

describe('core and @mlops/frame', () => {
  it('importing @mlops/core loads no frame, arrow or parquet module; storing a frame still works with zero config', async () => {
    const core = require('../index') as typeof import('../index');
    expect(typeof core.runPipeline).toBe('function');
    expect(mockLoaded).toEqual([]);

    const registry = new core.SerializerRegistry();
    expect(registry.forValue({ rows: 1 }, 'train', 'metrics').name).toBe('json');
    expect(mockLoaded).toEqual([]);

    const { Frame, float64Column } = require('@mlops/frame') as typeof import('@mlops/frame');
    const frame = Frame.fromColumns({ x: float64Column([1, 2, 3]) });
    const serializer = registry.forValue(frame, 'prepare', 'train');
    expect(serializer.name).toBe('frame');
    const bytes = (await serializer.serialize(frame)) as Uint8Array;
    const back = (await registry.byName('frame').deserialize(bytes)) as typeof frame;
    expect(back.toRows()).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect(serializer.describe?.(frame)).toMatchObject({ rows: 3, columns: 1 });
  });
});

import type { TfjsModelData } from '../TfjsModelData';

const activations = {
  relu: (v: number) => (v > 0 ? v : 0),
  tanh: Math.tanh,
  sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
};

/**
 * Runs the network in plain JS (float64 arithmetic on the float32 weights), so prediction needs
 * no tfjs backend. Returns the last layer's outputs, row-major `rows × outputs`.
 */
export function forward(model: Pick<TfjsModelData, 'layers' | 'activation'>, x: Float32Array, rows: number): Float64Array {
  let input: Float64Array | Float32Array = x;
  let result = new Float64Array(0);
  let width = rows ? x.length / rows : 0;
  const act = activations[model.activation];
  model.layers.forEach((layer, l) => {
    const out = layer.bias.length;
    const next = new Float64Array(rows * out);
    const last = l === model.layers.length - 1;
    for (let i = 0; i < rows; i++) {
      for (let o = 0; o < out; o++) {
        let s = layer.bias[o]!;
        for (let j = 0; j < width; j++) s += input[i * width + j]! * layer.weights[j]![o]!;
        next[i * out + o] = last ? s : act(s);
      }
    }
    input = result = next;
    width = out;
  });
  // Every model has at least one layer (checked at load), so `result` is the last layer's output.
  return result;
}

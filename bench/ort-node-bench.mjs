// Times onnxruntime-node (deps/node_modules, the same libonnxruntime.so.1 the .NET binding loads) on a model file,
// mirroring `energy-bench run`: same input spec, batch, intra-op threads, warm-up and time budget.
// usage: node bench/ort-node-bench.mjs MODEL INPUT_SPEC BATCH INTRA_OP_THREADS SECONDS
// prints: node <model> <spec> <batch> <threads> <iterations> <seconds> <samples_per_second> (tab-separated)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ort = require(path.join(repoRoot, 'deps/node_modules/onnxruntime-node'));

const WARMUP_RUNS = 10;

function positive(value, name) {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a positive integer, got '${value}'`);
  return number;
}

function inputsFor(spec, batch) {
  const parts = spec.split(':');
  if (parts[0] === 'dense' && parts.length === 2) {
    const width = positive(parts[1], 'dense WIDTH');
    const data = Float32Array.from({ length: batch * width }, () => Math.random());
    return { input: new ort.Tensor('float32', data, [batch, width]) };
  }
  if (parts[0] === 'sparse' && parts.length === 3) {
    const features = positive(parts[1], 'sparse FEATURES');
    const width = positive(parts[2], 'sparse WIDTH');
    const indices = BigInt64Array.from({ length: batch * width }, () => BigInt(Math.floor(Math.random() * features)));
    const values = Float32Array.from({ length: batch * width }, () => Math.random());
    return {
      indices: new ort.Tensor('int64', indices, [batch, width]),
      values: new ort.Tensor('float32', values, [batch, width]),
    };
  }
  throw new Error(`input spec '${spec}' is neither dense:WIDTH nor sparse:FEATURES:WIDTH`);
}

async function main([model, spec, batchText, threadsText, secondsText]) {
  if (!secondsText) throw new Error('usage: node bench/ort-node-bench.mjs MODEL INPUT_SPEC BATCH INTRA_OP_THREADS SECONDS');
  const batch = positive(batchText, 'BATCH');
  const threads = positive(threadsText, 'INTRA_OP_THREADS');
  const seconds = positive(secondsText, 'SECONDS');
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const feeds = inputsFor(spec, batch);

  for (let i = 0; i < WARMUP_RUNS; i++) await session.run(feeds);

  let iterations = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(seconds) * 1_000_000_000n;
  while (process.hrtime.bigint() - start < budget) {
    await session.run(feeds);
    iterations++;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(['node', path.basename(model), spec, batch, threads, iterations, elapsed.toFixed(3), (iterations * batch / elapsed).toFixed(1)].join('\t'));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`ort-node-bench: ${error.message}`);
  process.exit(2);
});

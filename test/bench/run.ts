import { formatClusteringBench, runClusteringBench } from './clustering-bench.ts';
import { formatStoreBench, runStoreBench } from './store-bench.ts';

// `npm run bench`: measurements, not tests — ratios against baselines measured in the same run.
console.log('== grouping quality (B-cubed against CLINC150 intent labels) ==');
console.log(formatClusteringBench(await runClusteringBench()));
console.log('\n== hot paths ==');
console.log(formatStoreBench(await runStoreBench()));

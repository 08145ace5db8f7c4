// Command-line options of `npm run bench`.
export const USAGE =
  'usage: npm run bench -- [--events N=1000000] [--runs 3] [--seed 2026] [--steps 1000] [--budget 90 (s per seek series)]\n' +
  '                        [--skip-build] [--no-small] [--profile (unminified build + CPU profile of a sweep)]\n' +
  '                        [--peers 10000,100000 (peer sizes; default N/100,N/10)] [--no-peers] [--peer-budget 180 (s per peer load)]\n' +
  '                        [--sync-events 50000 (desk size of the sync section; default N/10, at most 50,000)] [--no-sync]';

export function parseArgs(argv) {
  const o = { profile: false, budgetMs: undefined, events: 1_000_000, runs: 3, seed: 2026, build: true, small: true, sweepSteps: 1000, jumps: 100, commands: 20, peers: true, peerSizes: undefined, peerBudgetMs: 180_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [k, inline] = a.split('=');
    const val = () => Number(inline ?? argv[++i]);
    if (k === '--events') o.events = Math.round(val());
    else if (k === '--runs') o.runs = Math.max(1, Math.round(val()));
    else if (k === '--seed') o.seed = Math.round(val());
    else if (k === '--steps') o.sweepSteps = Math.round(val());
    else if (k === '--skip-build') o.build = false;
    else if (k === '--profile') o.profile = true;
    else if (k === '--budget') o.budgetMs = val() * 1000;
    else if (k === '--no-small') o.small = false;
    else if (k === '--no-peers') o.peers = false;
    else if (k === '--peers') o.peerSizes = String(inline ?? argv[++i]).split(',').map((x) => Math.round(Number(x)));
    else if (k === '--peer-budget') o.peerBudgetMs = val() * 1000;
    else if (k === '--sync-events') o.syncEvents = Math.round(val());
    else if (k === '--no-sync') o.sync = false;
    else if (k === '--help' || k === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!(o.events >= 1000)) throw new Error('--events must be ≥ 1000');
  // Seek series stop after this long (the UI can make a step slow); small runs are CI smoke checks.
  o.budgetMs ??= o.events >= 500_000 ? 90_000 : 30_000;
  return o;
}

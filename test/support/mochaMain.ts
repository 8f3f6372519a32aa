/** `node out/test/support/mochaMain.js <compiled test folder> [timeout ms]`: exit code = failures (capped). */
import { runMocha } from './runMocha';

const [dir, timeout] = process.argv.slice(2);
runMocha(dir, Number(timeout) || 20_000).then(
  (failures) => process.exit(Math.min(failures, 100)),
  (err) => {
    console.error(err);
    process.exit(101);
  },
);

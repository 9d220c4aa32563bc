// A rollup plugin that bundles localforage from its ES sources instead of its UMD build: the UMD
// carries a Promise polyfill (lie + immediate) that every browser able to run the widget has built in.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const NATIVE_PROMISE = '\0native-promise';

export function localforageFromSource() {
  const root = path.dirname(require.resolve('localforage/package.json'));
  const entry = path.join(root, 'src', 'localforage.js');
  return {
    name: 'localforage-from-source',
    resolveId(source, importer) {
      if (source === 'localforage') return entry;
      if (importer?.startsWith(path.join(root, 'src')) && /utils\/promise(\.js)?$/.test(source)) return NATIVE_PROMISE;
      return null;
    },
    load(id) {
      return id === NATIVE_PROMISE ? 'export default Promise;' : null;
    },
  };
}

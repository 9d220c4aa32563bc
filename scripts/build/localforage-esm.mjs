// A rollup plugin that bundles localforage from its ES sources instead of its UMD build: the UMD
// carries a Promise polyfill (lie + immediate) that every browser able to run the widget has built in,
// and its WebSQL and localStorage drivers are replaced by stubs that report themselves unsupported:
// the widget stores into IndexedDB only (and keeps a memory cache where IndexedDB is unavailable).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const NATIVE_PROMISE = '\0native-promise';
const STUB_DRIVER = '\0localforage-stub-driver:';
const DRIVER_NAMES = { websql: 'webSQLStorage', localstorage: 'localStorageWrapper' };

export function localforageFromSource() {
  const root = path.dirname(require.resolve('localforage/package.json'));
  const entry = path.join(root, 'src', 'localforage.js');
  return {
    name: 'localforage-from-source',
    resolveId(source, importer) {
      if (source === 'localforage') return entry;
      if (importer?.startsWith(path.join(root, 'src')) && /utils\/promise(\.js)?$/.test(source)) return NATIVE_PROMISE;
      const driver = /drivers\/(websql|localstorage)(\.js)?$/.exec(source);
      if (importer?.startsWith(path.join(root, 'src')) && driver) return STUB_DRIVER + DRIVER_NAMES[driver[1]];
      return null;
    },
    load(id) {
      if (id === NATIVE_PROMISE) return 'export default Promise;';
      if (id.startsWith(STUB_DRIVER)) {
        const name = id.slice(STUB_DRIVER.length);
        const methods = ['_initStorage', 'iterate', 'getItem', 'setItem', 'removeItem', 'clear', 'length', 'key', 'keys'];
        return `const unsupported = () => Promise.reject(new Error('${name} is not bundled'));
export default { _driver: '${name}', _support: false, ${methods.map((m) => `${m}: unsupported`).join(', ')} };`;
      }
      return null;
    },
  };
}

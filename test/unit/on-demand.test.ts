import { expect } from '@open-wc/testing';
import { onDemand } from '../../src/core/on-demand.js';

describe('onDemand (parts of the core loaded on first use)', () => {
  it('loads once on the first call, not before, and shares the part', async () => {
    let loads = 0;
    const part = onDemand(async () => ({ n: ++loads }));
    expect(loads).to.equal(0);
    expect(part.loaded === null).to.equal(true);
    const [a, b] = await Promise.all([part(), part()]);
    expect(loads).to.equal(1);
    expect(a === b).to.equal(true);
    expect((await part.loaded)?.n).to.equal(1);
  });

  it('a load that failed (the network) is tried again on the next call', async () => {
    let loads = 0;
    const part = onDemand(async () => {
      if (++loads === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return 'ok';
    });
    let failed = false;
    await part().catch(() => { failed = true; });
    expect(failed).to.equal(true);
    expect(await part()).to.equal('ok');
    expect(loads).to.equal(2);
  });
});

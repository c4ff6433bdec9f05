// chai assertions and sinon spies, stubs and fake timers.
import { expect, assert, AssertionError } from 'chai';
import sinon from 'sinon';

const calc = { add: (a, b) => a + b, fetch: () => 'real' };
const spy = sinon.spy(calc, 'add');
calc.add(1, 2);
calc.add(3, 4);
expect(spy.callCount).to.equal(2);
expect(spy.firstCall.args).to.deep.equal([1, 2]);
console.log('spy returned', spy.returnValues);
const stub = sinon.stub(calc, 'fetch').returns('stubbed');
stub.withArgs('x').throws(new TypeError('nope'));
console.log(calc.fetch(), (() => { try { calc.fetch('x'); } catch (e) { return e.message; } })());
sinon.restore();
console.log('restored', calc.fetch());

const clock = sinon.useFakeTimers({ now: 1000 });
const seen = [];
setTimeout(() => seen.push(Date.now()), 500);
setInterval(() => seen.push('tick'), 300);
clock.tick(1000);
console.log('fake timers', seen);
clock.restore();

expect({ a: 1, b: [1, 2, { c: 3 }] }).to.deep.include({ a: 1 }).and.have.nested.property('b[2].c', 3);
assert.lengthOf([1, 2, 3], 3);
try {
  expect({ a: 1, b: 2 }).to.deep.equal({ a: 1, b: 3 });
} catch (e) {
  console.log(e instanceof AssertionError, e.message, e.showDiff, e.expected, e.actual);
}
try {
  sinon.assert.calledWith(sinon.spy(), 1);
} catch (e) {
  console.log(e.name, e.message.split('\n')[0]);
}

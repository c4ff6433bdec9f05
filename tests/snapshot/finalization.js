// FinalizationRegistry registrations made during a build. A target that died during
// the build made V8's serializer abort the build (a fatal check); targets still alive
// are registered with V8 again in the restored process.
const registry = new FinalizationRegistry(() => {});
registry.register({}, 'dies during the build');
const keep = { name: 'kept' };
const token = {};
registry.register(keep, 'kept', token);
const gone = {};
registry.register({}, 'unregistered', gone);
const unregisteredAtBuild = registry.unregister(gone);
let typeError;
try {
  registry.register(1, 'not an object');
} catch (e) {
  typeError = e.constructor.name;
}
require('v8').startupSnapshot.setDeserializeMainFunction(() => {
  console.log('at build:', unregisteredAtBuild, typeError, registry instanceof FinalizationRegistry, Object.prototype.toString.call(registry));
  console.log('after restore: unregister ->', registry.unregister(token), 'again ->', registry.unregister(token), keep.name);
});

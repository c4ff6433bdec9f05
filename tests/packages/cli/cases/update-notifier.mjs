// update-notifier disabled by NO_UPDATE_NOTIFIER (as users and CI disable it): no check is
// scheduled, nothing is printed, and the settings it computed are visible.
process.env.NO_UPDATE_NOTIFIER = '1';
import('update-notifier').then(({ default: updateNotifier }) => {
  const n = updateNotifier({ pkg: { name: 'amber-test-pkg', version: '1.0.0' }, updateCheckInterval: 0 });
  console.log(Object.keys(n).sort().join(','), n.config === undefined, n.update === undefined);
  n.notify();
  console.log('notify printed nothing');
});

// rxjs: operators over synchronous and scheduled observables.
const { of, from, interval, Subject, BehaviorSubject, merge, combineLatest, firstValueFrom, lastValueFrom, defer, throwError, timer } = require('rxjs');
const { map, filter, scan, take, mergeMap, switchMap, catchError, retry, reduce, toArray, bufferCount, debounceTime, distinctUntilChanged, tap, concatMap, delay } = require('rxjs/operators');
of(1, 2, 3, 4, 5).pipe(filter((x) => x % 2), map((x) => x * 10), scan((a, b) => a + b, 0)).subscribe((v) => console.log('scan', v));
from([1, 1, 2, 2, 3, 1]).pipe(distinctUntilChanged(), bufferCount(2), toArray()).subscribe((v) => console.log('buf', v));
const s = new Subject();
const b = new BehaviorSubject('init');
combineLatest([s, b]).subscribe((v) => console.log('latest', v));
s.next('a'); b.next('b'); s.next('c'); s.complete();
let attempts = 0;
defer(() => (++attempts < 3 ? throwError(() => new Error('fail ' + attempts)) : of('ok after ' + attempts))).pipe(retry(5)).subscribe((v) => console.log(v));
throwError(() => new Error('boom')).pipe(catchError((e) => of('caught ' + e.message))).subscribe(console.log);
(async () => {
  console.log('interval', await lastValueFrom(interval(5).pipe(take(4), toArray())));
  console.log('mergeMap', await lastValueFrom(of(3, 1, 2).pipe(concatMap((x) => timer(x * 5).pipe(map(() => x))), toArray())));
  console.log('switch', await firstValueFrom(of(1, 2).pipe(switchMap((x) => of(x * 100)), reduce((a, c) => a + c, 0))));
  const out = [];
  await lastValueFrom(merge(of('x').pipe(delay(20)), of('y')).pipe(tap((v) => out.push(v))));
  console.log('merge', out);
})();

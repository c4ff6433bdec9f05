// @nestjs/core with @nestjs/platform-express: a module with a service, a controller
// (decorators applied with Reflect.decorate, as compiled TypeScript does), a pipe and an
// exception, listening for real and called with fetch().
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Module, Controller, Get, Post, Body, Param, Injectable, ParseIntPipe, NotFoundException, HttpCode } = require('@nestjs/common');
const { map } = require('rxjs');
class CatsService {
  constructor() { this.cats = [{ id: 1, name: 'Tom' }]; }
  all() { return this.cats; }
  one(id) { const c = this.cats.find((x) => x.id === id); if (!c) throw new NotFoundException(`cat ${id}`); return c; }
  add(name) { const c = { id: this.cats.length + 1, name }; this.cats.push(c); return c; }
}
Reflect.decorate([Injectable()], CatsService);
class CatsController {
  constructor(cats) { this.cats = cats; }
  all() { return this.cats.all(); }
  one(id) { return this.cats.one(id); }
  add(body) { return this.cats.add(body.name); }
}
const method = (proto, name, decorators) => Reflect.decorate(decorators, proto, name, Object.getOwnPropertyDescriptor(proto, name));
method(CatsController.prototype, 'all', [Get()]);
method(CatsController.prototype, 'one', [Get(':id'), (t, k) => Param('id', ParseIntPipe)(t, k, 0)]);
method(CatsController.prototype, 'add', [Post(), HttpCode(201), (t, k) => Body()(t, k, 0)]);
Reflect.defineMetadata('design:paramtypes', [CatsService], CatsController);
Reflect.decorate([Controller('cats')], CatsController);
class AppModule {}
Reflect.decorate([Module({ controllers: [CatsController], providers: [CatsService] })], AppModule);
(async () => {
  const app = await NestFactory.create(AppModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  for (const [p, init] of [['/cats', {}], ['/cats/1', {}], ['/cats/abc', {}], ['/cats/9', {}], ['/cats', { method: 'POST', body: JSON.stringify({ name: 'Kit' }), headers: { 'content-type': 'application/json' } }], ['/cats', {}]]) {
    const r = await fetch(base.replace(/:\d+$/, `:${app.getHttpServer().address().port}`) + p, init);
    console.log(init.method || 'GET', p, r.status, await r.text());
  }
  await app.close();
  console.log('rxjs', JSON.stringify(await new Promise((res) => require('rxjs').of(1, 2, 3).pipe(map((x) => x * 10)).subscribe({ next: (v) => res(v) }))));
})();

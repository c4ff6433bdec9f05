// @faker-js/faker with a fixed seed and reference date: reproducible fake data.
import { faker, fakerDE, Faker, en } from '@faker-js/faker';
faker.seed(123);
const ref = new Date('2024-01-01T00:00:00Z');
console.log(faker.person.fullName(), faker.internet.email(), faker.location.city(), faker.number.int({ min: 1, max: 1000 }));
console.log(faker.string.uuid(), faker.date.past({ refDate: ref }).toISOString(), faker.lorem.sentence(), faker.commerce.price());
console.log(faker.helpers.arrayElements(['a', 'b', 'c', 'd'], 2), faker.helpers.shuffle([1, 2, 3, 4, 5]), faker.finance.iban(), faker.color.rgb());
fakerDE.seed(7);
console.log(fakerDE.person.fullName(), fakerDE.location.streetAddress(), fakerDE.phone.number());
const custom = new Faker({ locale: [en], seed: 99 });
console.log(custom.helpers.multiple(() => custom.animal.type(), { count: 3 }), custom.helpers.fake('{{person.firstName}} {{number.int(9)}}'));
console.log(faker.image.url({ width: 10, height: 10 }).length > 0, faker.git.commitSha().length, faker.internet.ipv4(), faker.system.fileName());

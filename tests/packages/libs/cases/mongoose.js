// mongoose: schemas, casting, validation, virtuals, methods (no server).
const mongoose = require('mongoose');
const addressSchema = new mongoose.Schema({ city: { type: String, required: true }, zip: { type: String, match: /^\d{5}$/ } }, { _id: false });
const userSchema = new mongoose.Schema({
  name: { type: String, required: [true, 'name is required'], trim: true, minlength: 2 },
  age: { type: Number, min: 0, max: 150 },
  email: { type: String, lowercase: true, validate: { validator: (v) => /@/.test(v), message: (p) => `${p.value} is not an email` } },
  role: { type: String, enum: ['user', 'admin'], default: 'user' },
  tags: [String],
  address: addressSchema,
  born: Date,
}, { toJSON: { virtuals: true } });
userSchema.virtual('label').get(function () { return `${this.name} (${this.role})`; });
userSchema.methods.greet = function () { return 'hi ' + this.name; };
userSchema.pre('validate', function () { if (this.name === 'magic') this.age = 7; });
const User = mongoose.model('User', userSchema);
(async () => {
  const u = new User({ _id: '65a000000000000000000001', name: '  Ada  ', age: '36', email: 'ADA@X.ORG', tags: ['a', 5], address: { city: 'London', zip: '12345' }, born: '1815-12-10' });
  await u.validate();
  console.log(u.toJSON(), u.label, u.greet(), u.isModified('age'), typeof u.age);
  const bad = new User({ name: 'A', age: -1, email: 'nope', role: 'root', address: { zip: 'x' } });
  const err = bad.validateSync();
  console.log(err.name, Object.keys(err.errors).sort(), Object.values(err.errors).map((e) => e.message).sort());
  const m = new User({ name: 'magic' });
  await m.validate();
  console.log(m.age, m.role, m.tags, User.schema.path('age').instance, Object.keys(User.schema.paths).sort());
  try { new User({ age: 'abc' }).validateSync().errors.age.name; console.log(new User({ age: 'abc' }).validateSync().errors.age.name); } catch (e) { console.log(e.message); }
  console.log(mongoose.isValidObjectId('65a000000000000000000001'), new mongoose.Types.ObjectId('65a000000000000000000001').getTimestamp().toISOString());
  const q = User.find({ age: { $gte: 18 } }).where('role').equals('admin').sort('-age').limit(5).select('name');
  console.log(q.getFilter(), q.getOptions(), q._fields);
})();

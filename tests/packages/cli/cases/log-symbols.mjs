// log-symbols: the four status symbols (unicode when the terminal supports it).
import logSymbols from 'log-symbols';
for (const k of ['info', 'success', 'warning', 'error']) console.log(k, JSON.stringify(logSymbols[k]));

import 'reflect-metadata';
console.log('ote-cert');

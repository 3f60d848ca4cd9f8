export * from './categories';
export * from './constants';

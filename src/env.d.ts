declare module 'virtual:ck8s-reference' {
  const reference: import('./lib/schema').Reference;
  export default reference;
}

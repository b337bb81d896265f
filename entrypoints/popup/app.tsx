import { useState } from 'preact/hooks';
export function App() {
  const [n, setN] = useState(0);
  return <main><h1>KeyWard</h1><button onClick={() => setN(n + 1)}>c{n}</button><input id="i" /></main>;
}

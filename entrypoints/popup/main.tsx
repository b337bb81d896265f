import { render } from 'preact';
import { App } from './app';
import { localisePage } from '../../utils/i18n';
import './style.css';

localisePage('extName');
render(<App />, document.getElementById('app')!);

export { installCapture } from './capture';

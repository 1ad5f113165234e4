// Copies what tsc does not emit (icons, codex JSON) next to the compiled nodes and credentials.
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(dest('dist')),
);

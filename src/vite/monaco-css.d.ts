/** Monaco's CSS: adds it to the page, in one <style data-monaco>, when imported (src/vite/monaco-css.mjs). */
declare module "virtual:monaco-css" {}

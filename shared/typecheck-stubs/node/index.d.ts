// What `/// <reference types="node" />` finds when shared/ is type-checked: nothing. liquidjs's
// declarations ask for Node's types (for its stream API, which we do not use); without this stub
// they would bring `process`, `Buffer` and `node:*` modules into shared/, which must run anywhere.
export {};

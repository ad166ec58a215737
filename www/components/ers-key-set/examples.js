// The examples of <ers-key-set>, shown by components/examples.html?element=ers-key-set.
export default {
  examples: [
    { id: 'empty', title: 'With no plan yet: import a plan’s JSON', elements: [['ers-key-set']] },
  ],
};

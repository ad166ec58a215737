// The examples of <ers-golive-pack>, shown by components/examples.html?element=ers-golive-pack.
export default {
  examples: [
    {
      id: 'with-planner',
      title: 'With the planner on the same page',
      text: 'Make a plan in the planner, then press “Use the plan from the planner above” in the pack.',
      elements: [['ers-asid-planner', { 'page-size': '10' }], ['ers-golive-pack']],
    },
    {
      id: 'alone',
      title: 'On its own, 5 applications a page',
      text: 'Import the plan’s JSON file, or add applications by hand.',
      elements: [['ers-golive-pack', { 'page-size': '5' }]],
    },
  ],
};

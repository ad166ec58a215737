// The examples of <ers-asid-planner>, shown by components/examples.html?element=ers-asid-planner.
export default {
  examples: [
    { id: 'default', title: 'The planner, as on the main page', elements: [['ers-asid-planner']] },
    {
      id: 'paged',
      title: 'With its product and access set, and 10 rows a page',
      elements: [['ers-asid-planner', { product: 'Care Vista Link', supplier: 'Care Vista', access: 'user-restricted', 'page-size': '10' }]],
    },
  ],
};

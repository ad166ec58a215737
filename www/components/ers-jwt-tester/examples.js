// The examples of <ers-jwt-tester>, shown by components/examples.html?element=ers-jwt-tester.
export default {
  examples: [
    { id: 'default', title: 'Sign and check a client assertion, as on the main page', elements: [['ers-jwt-tester']] },
  ],
};

// A complete incident status update, as a manager would publish it.
export const STATUS_UPDATE = {
  currentRisk: 'High: customer personal data was readable',
  usersImpacted: 'some',
  timelineOfEvents: '09:10 alert; 09:25 declared',
  mitigationSteps: 'Bucket made private',
  currentStatus: 'Investigating access logs',
  nextSteps: 'Identify affected customers',
};

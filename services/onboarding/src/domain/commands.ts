/** The slash commands this service owns; registered per guild with owner `onboarding`. */
export const COMMAND_OWNER = 'onboarding';

export const COMMANDS = [
  { name: 'rules', description: 'Show the server rules (only you see them).' },
  { name: 'reconnect', description: 'Moderators: re-register commands and re-post the rules message.' },
];

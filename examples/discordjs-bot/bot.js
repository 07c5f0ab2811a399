// A team's own discord.js bot with heed attached: heed adds its feedback components, review threads
// for moderators and the knowledge loop; the bot keeps its own commands and buttons. Run: node bot.js
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createHeed } from 'heed';

/** Stand-in for your agent: any function from a question (and heed's approved knowledge) to text. */
async function agent(question, knowledge) {
  return knowledge[0]?.answer ?? `My best guess about "${question}": see the handbook.`;
}

export async function startBot(env = process.env, clientOptions = {}) {
  const heed = await createHeed({
    mongodbUri: env.MONGODB_URI,
    discord: { moderatorsChannel: env.DISCORD_MODERATORS_CHANNEL, moderatorRole: env.DISCORD_MODERATOR_ROLE },
    env, // everything else (MONGODB_DB, REVIEW_*, DIGEST_*, LOG_LEVEL) as for `npm start`
  });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...clientOptions });
  heed.discord.register(client);

  client.on(Events.InteractionCreate, async (interaction) => {
    // The bot's own /ask (registered by the team as usual): heed records the answer and adds controls.
    if (interaction.isChatInputCommand() && interaction.commandName === 'ask') {
      const question = interaction.options.getString('question', true);
      const knowledge = await heed.knowledge.search(question);
      const answer = await agent(question, knowledge);
      await heed.discord.reply(interaction, { question, answer, sources: knowledge });
    }
    // The team's own button: heed handles only its own custom ids, so this one stays theirs.
    if (interaction.isButton() && interaction.customId === 'team:ping') await interaction.reply('pong');
  });

  await client.login(env.DISCORD_TOKEN);
  return {
    client,
    heed,
    stop: async () => {
      await client.destroy();
      await heed.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await startBot();

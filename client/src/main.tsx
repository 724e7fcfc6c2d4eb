import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { FirstDataContext, readFirstData, seedFirstData } from './api/first-data';
import { App, MeetingPage } from './App';
import './styles.scss';

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
const root = document.getElementById('root')!;
const firstData = readFirstData(document);
const tree = (
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <FirstDataContext value={firstData}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </FirstDataContext>
    </QueryClientProvider>
  </StrictMode>
);
// A page the server has already drawn (your sites, a live meeting) comes with the data it was
// drawn from: the app takes over what is on screen instead of drawing it again.
if (firstData) {
  seedFirstData(queryClient, firstData);
  // The drawn page's own code first (see lazyPage): a live meeting's board is the one such page.
  const drawnMeeting = firstData.meeting;
  const pageCode = drawnMeeting ? Promise.all([MeetingPage.preload(), import('./pages/meetings/MeetingPage').then((m) => m.loadDrawnBoard(drawnMeeting))]) : Promise.resolve();
  // Taken over even if that code did not arrive: the page then asks for it again itself.
  void pageCode.catch(() => {}).then(() => hydrateRoot(root, tree));
} else {
  createRoot(root).render(tree);
}
